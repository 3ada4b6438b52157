"""The Django admin's view of the audit log. It is registered here, not in audit, because
accounts owns the roles that decide who may read it, and audit imports nothing above it."""

from django.contrib import admin

from alongside.accounts.models import Role
from alongside.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the admin can look, never add, change or delete."""

    list_display = ["id", "created_at", "action", "actor_id", "actor_role", "subject_id", "outcome"]
    list_filter = ["action", "outcome", "actor_role"]
    search_fields = ["action", "target_type", "target_id", "request_id"]
    actions = None

    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_role(Role.ADMIN)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
