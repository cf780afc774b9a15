from trustplan.cli import main

main()
