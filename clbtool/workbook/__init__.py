"""Reading club workbooks: files → typed records that keep their cell references."""
