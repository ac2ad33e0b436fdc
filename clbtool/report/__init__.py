"""The province's report: context from the totals, Jinja templates, charts, documents."""
