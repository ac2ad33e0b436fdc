from clbtool.cli import main

main()
