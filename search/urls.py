"""Search URLs."""

urlpatterns: list = []
