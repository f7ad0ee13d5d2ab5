"""The web app: server-rendered GOV.UK Design System pages for every kind of user."""
