import * as z from "zod";
import { emailField } from "./account";

export const ROLE_OPTIONS = ["owner", "admin", "member"] as const;
export type RoleOption = (typeof ROLE_OPTIONS)[number];

export const groupNameField = z.string().trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters.");
export const projectNameField = z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters.");

export const createGroupSchema = z.object({ name: groupNameField });
export const projectSchema = z.object({ name: projectNameField });
export const inviteSchema = z.object({ email: emailField, role: z.enum(ROLE_OPTIONS) });
