"""hotline_desk: the case desk of a city bureau's 市长热线 / 市长信箱 office."""

__version__ = "0.1.0"
