"""Models of cms.notifications."""
