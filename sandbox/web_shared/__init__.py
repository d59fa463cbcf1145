"""What both apps' web layers share (Flask): request models, the error boundary, the request's
world, request hooks (faults, request log), browser safety and humane filters."""
