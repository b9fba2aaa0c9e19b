"""``python -m playbook.pdf SITE_DIR``: the PDF step (see :mod:`playbook.pdf.build`)."""

from playbook.pdf.build import main

raise SystemExit(main())
