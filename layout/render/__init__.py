"""Drawing a laid-out page: a small pen protocol in front of the PDF writer."""
