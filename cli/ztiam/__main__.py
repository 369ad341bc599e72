from ztiam.cli import main

main()
