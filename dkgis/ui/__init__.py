"""Qt user interface: main window, docks and dialogs."""
