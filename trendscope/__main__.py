"""`python -m trendscope` is the `trendscope` command."""

from trendscope.cli import main

main()
