"""Pure rules of the fake app: no Flask, no database; time is passed in."""
