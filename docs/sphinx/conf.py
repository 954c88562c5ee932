"""Sphinx settings for `make docs`: the collection's HTML documentation, built offline.

The reStructuredText comes from `antsibull-docs collection --use-current --squash-hierarchy`,
so the collection's index page is the root document.
"""

project = "kafkaops.connect"
copyright = "kafkaops.connect contributors"
title = html_short_title = "kafkaops.connect"

extensions = ["sphinx_antsibull_ext"]
root_doc = "index"

pygments_style = "ansible"
highlight_language = "YAML+Jinja"
html_theme = "sphinx_ansible_theme"
html_show_sphinx = False
html_copy_source = False
html_use_index = False

# No intersphinx: the build must not download inventories. References into ansible-core's own
# documentation (common return values, configuration settings) therefore stay unresolved text;
# references between this collection's pages are checked by antsibull-docs lint-collection-docs.
suppress_warnings = ["ref.ref"]
