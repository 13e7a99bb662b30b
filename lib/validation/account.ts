import * as z from "zod";

/**
 * Form schemas shared by the pages and the Convex functions, so both enforce
 * the same rules and show the same messages.
 */
export const emailField = z.string().trim().toLowerCase().email("Enter a valid email address.").max(254);
export const passwordField = z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters.");
export const personNameField = z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters.");
export const codeField = z.string().trim().regex(/^\d{8}$/, "Enter the 8-digit code from the email.");

export const signInSchema = z.object({ email: emailField, password: z.string().min(1, "Enter your password.") });
export const signUpSchema = z.object({ name: personNameField, email: emailField, password: passwordField });
export const verifySchema = z.object({ code: codeField });
export const profileSchema = z.object({ name: personNameField });
