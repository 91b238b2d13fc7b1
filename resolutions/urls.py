"""Browse and resolution page URLs."""

urlpatterns: list = []
