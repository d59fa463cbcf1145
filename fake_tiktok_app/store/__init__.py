"""The fake app's tables: TikTok accounts, OAuth clients, QR tickets, codes, tokens, sessions."""
