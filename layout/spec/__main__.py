"""``python -m layout.spec --reference`` prints the spec reference; ``… SPEC.yaml`` checks one."""

from layout.spec.reference import main

raise SystemExit(main())
