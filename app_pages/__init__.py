"""Pages of the itinerant dashboard (run by ``app.py``; UI only)."""
