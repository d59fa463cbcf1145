"""Pure rules of Seller Center: no Flask, no database; time is passed in."""
