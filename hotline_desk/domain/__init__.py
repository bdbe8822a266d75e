"""Pure business rules of the desk: enums, validation, numbering, masking, passwords.

Standard library only; nothing here knows about databases or Qt.
"""
