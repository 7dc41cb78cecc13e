"""Publishing: the report machine. It runs the notebooks on fresh kernels (execution, warm_kernels, executed),
renders their pages, the index and the brief from the templates (pages, report, brief), checks them in a browser,
guards a build with validate's checks (checks), keeps the notebooks and the README tidy (tidy, readme), and is the
command line (cli). The top layer: imports from every layer below it; nothing imports it.
"""
