"""E-mail to the holders of posts: approval notices and reminder digests.

Built with ``django.core.mail``, so any Django e-mail backend works (console, file or
SMTP, chosen by ``BRIEF_EMAIL_BACKEND``). Links are absolute, from ``BRIEF_SITE_URL``.
"""
