"""The foster carers' pages: serving them with Voila (``carers.server``), the kernel ceiling
(``carers.kernel_cap``), and the helpers the pages call (``carers.pages``)."""
