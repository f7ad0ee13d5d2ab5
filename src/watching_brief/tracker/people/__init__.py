"""People and posts: who held which capacity when."""
