"""Models of cms.video."""
