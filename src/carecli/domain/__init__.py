"""Plain enums and value objects shared by the rules, the data layer and the screens."""
