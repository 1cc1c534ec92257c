"""Running the pipeline on documents: the ``Extractor``, input reading and the batch runner."""
