export {
  CaseClosedException,
  ComplaintEvidence,
  EVIDENCE_KINDS,
  EVIDENCE_OWNER_TYPE,
  EvidenceView,
  StaffEvidenceView,
  evidenceParty,
  evidenceVisibility,
  evidenceVisibleTo,
} from './complaint-evidence.service';
export type { EvidenceContext, EvidenceDoor, EvidenceKind, EvidenceListQuery, EvidenceParty, MinistryDoor } from './complaint-evidence.service';
