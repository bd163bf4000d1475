from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView


class ApiRoot(APIView):
    def get(self, request):
        return Response({"articles": request.build_absolute_uri("articles/")})


urlpatterns = [path("", ApiRoot.as_view(), name="api-root")]
