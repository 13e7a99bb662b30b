import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { RoleOption } from "@/lib/validation/group";

const ROLE_VARIANTS: Record<RoleOption, BadgeVariant> = { owner: "accent", admin: "outline", member: "muted" };

export const ROLE_LABELS: Record<RoleOption, string> = { owner: "Owner", admin: "Admin", member: "Member" };

export function RoleBadge({ role }: { role: RoleOption }) {
  return <Badge variant={ROLE_VARIANTS[role]}>{ROLE_LABELS[role]}</Badge>;
}
