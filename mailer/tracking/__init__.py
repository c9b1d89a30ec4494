"""What providers tell us after a send: SendGrid's events, suppression."""
