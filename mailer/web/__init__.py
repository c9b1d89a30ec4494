"""The web side: public endpoints mail clients and SendGrid call, and the dashboard.

It wires; the rules live in the packages it calls.
"""
