from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "trustplan.selfassessment"
    verbose_name = "Self-assessments"
