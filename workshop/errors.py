"""The one error the workshop's logic raises: an HTTP status and a sentence a person can act on.
The web layer turns it into ``{"error": message}``; nothing else reaches a client."""


class WorkshopError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
