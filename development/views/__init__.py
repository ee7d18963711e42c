"""Capacity development pages, by concern; each parses input, calls one selector or service, and renders."""
