/**
 * Writes security-relevant events to the append-only activity log. Callers pass what happened and to
 * what; the time is taken here so that entries are ordered by when they were recorded.
 */
import type { Db } from "#db/client";
import { auditLog } from "#db/schema";

export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_in_throttled"
  | "auth.sign_out"
  | "auth.password_changed"
  | "auth.name_changed"
  | "auth.password_reset_issued"
  | "auth.password_reset_used"
  | "auth.password_reset_refused"
  | "auth.org_switched"
  | "organisation.created"
  | "organisation.updated"
  | "organisation.deactivated"
  | "organisation.reactivated"
  | "member.invited"
  | "member.invitation_revoked"
  | "member.joined"
  | "member.invitation_refused"
  | "member.role_changed"
  | "member.removed"
  | "import.uploaded"
  | "import.analysed"
  | "import.committed"
  | "import.cancelled"
  | "import.duplicate_decided"
  | "import.failed"
  | "risk.rescored"
  | "reference.uploaded"
  | "reference.activated"
  | "reference.discarded"
  | "reference.synonym_added"
  | "reference.synonym_removed"
  | "methodology.added"
  | "methodology.activated"
  | "supplier.indicators_changed"
  | "supplier.created"
  | "supplier.updated"
  | "recruiter.created"
  | "recruiter.updated"
  | "supplier.grievance_applied"
  | "supplier.grievance_withdrawn"
  | "supplier.invited"
  | "supplier.invitation_revoked"
  | "supplier.claimed"
  | "supplier.claim_refused"
  | "supplier.identity_corrected"
  | "supplier.merged"
  | "supplier.kept_apart"
  | "supplier.merge_undone"
  | "supplier.kept_apart_undone"
  | "watchlist.matched"
  | "watchlist.match_decided"
  | "contest.raised"
  | "contest.answered"
  | "audit.scheduled"
  | "audit.rescheduled"
  | "audit.status_changed"
  | "audit.settings_changed"
  | "audit.plan_generated"
  | "audit.proposal_rejected"
  | "audit.unavailability_added"
  | "audit.unavailability_removed"
  | "audit.calendar_feed_created"
  | "audit.calendar_feed_revoked"
  | "finding.recorded"
  | "finding.removed"
  | "audit.interviews_recorded"
  | "evidence.uploaded"
  | "corrective_action.created"
  | "corrective_action.answered"
  | "corrective_action.verified"
  | "corrective_action.reopened"
  | "report.issued"
  | "report.submitted"
  | "report.downloaded"
  | "report.reviewed"
  | "export.submissions"
  | "export.filing"
  | "share.created"
  | "share.changed"
  | "share.revoked"
  | "export.suppliers"
  | "export.audit_log"
  | "export.import_errors"
  | "evidence.downloaded"
  | "grievance.received"
  | "grievance_channel.created"
  | "grievance_channel.closed"
  | "support_service.added"
  | "support_service.retired"
  | "grievance.triaged"
  | "grievance.assigned"
  | "grievance.forwarded"
  | "grievance.escalated"
  | "grievance.finding_recorded"
  | "grievance.answered"
  | "grievance.closed"
  | "grievance.contact_revealed"
  | "fee.case_recorded"
  | "fee.instalment_paid"
  | "fee.case_linked"
  | "fee.confirmed"
  | "questionnaire.shared"
  | "questionnaire.share_revoked"
  | "questionnaire.requested"
  | "questionnaire.request_answered"
  | "questionnaire.submitted"
  | "questionnaire.reviewed"
  | "questionnaire.clarification_replied"
  | "questionnaire.recruiters_added"
  | "third_party_audit.recorded"
  | "filing.profile_saved"
  | "filing.section_saved"
  | "filing.approved"
  | "filing.created"
  | "api_token.created"
  | "api_token.revoked"
  | "api.call"
  | "webhook.created"
  | "webhook.disabled"
  | "webhook.replayed";

export interface AuditEvent {
  action: AuditAction;
  actorUserId?: number | null;
  orgId?: number | null;
  targetType?: string;
  targetId?: string | number;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function recordEvent(db: Db, event: AuditEvent, now = Date.now()): Promise<void> {
  await db.insert(auditLog)
        .values({
          at: new Date(now),
          action: event.action,
          actorUserId: event.actorUserId ?? null,
          orgId: event.orgId ?? null,
          targetType: event.targetType ?? null,
          targetId: event.targetId === undefined ? null : String(event.targetId),
          ip: event.ip ?? null,
          details: event.details ?? null,
        });
}
