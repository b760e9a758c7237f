from backprop_tui.cli import main

raise SystemExit(main())
