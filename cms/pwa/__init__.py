"""The installable phone app: manifest, service worker, offline page and what is saved offline."""
