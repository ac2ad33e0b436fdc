"""clbtool: validate, aggregate and report intergenerational self-help club workbooks."""

__version__ = "0.1.0"
