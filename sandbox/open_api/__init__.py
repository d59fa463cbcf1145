"""TikTok Shop Open API: partner apps, seller authorization, tokens, signed calls, webhooks."""
