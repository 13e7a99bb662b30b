"use client";

import { useMutation } from "convex/react";
import { useId, type ComponentProps } from "react";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { FormMessage } from "@/components/console/form-message";
import { useConsoleAction } from "@/components/console/use-action-state";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/cn";

type StatusSwitchProps = { connectionId: string; enabled: boolean; canManage: boolean };

/**
 * "Accept provisioning requests": on at once, off after a confirmation (the
 * directory's changes stop arriving). The switch is a button, so it can be
 * the confirmation's trigger and get the focus back when it closes.
 */
export function StatusSwitch({ connectionId, enabled, canManage }: StatusSwitchProps) {
  const setScim = useMutation(api.auth.group.setScim);
  const { pending, error, run } = useConsoleAction();
  const id = useId();
  const control = (
    <SwitchButton
      id={id}
      data-testid="scim-status-switch"
      checked={enabled}
      // Busy rather than disabled while it saves: a disabled button would drop the focus.
      disabled={!canManage}
      aria-busy={pending || undefined}
      aria-describedby={`${id}-description`}
      onClick={(event) => {
        if (enabled && !pending) return;
        // Switching on needs no confirmation: keep the dialog (whose trigger this is) closed.
        event.preventDefault();
        if (!pending) void run(() => setScim({ connectionId, status: "enabled" }));
      }}
    />
  );

  return (
    <div className="grid gap-2">
      <div className="flex items-start justify-between gap-4">
        <div className="grid min-w-0 gap-1">
          <label htmlFor={id} className={cn("text-sm font-medium", canManage ? "cursor-pointer" : "cursor-not-allowed opacity-70")}>
            Accept provisioning requests
          </label>
          <p id={`${id}-description`} className="text-muted-foreground text-sm">
            {enabled
              ? "On: the directory creates, updates and deactivates people here."
              : "Off: every request is refused (401), and nobody is created, changed or deactivated."}
          </p>
        </div>
        {/* Always the dialog's trigger, on or off: the same element keeps the focus as the status changes. */}
        {canManage ? (
          <ConfirmDialog
            trigger={control}
            title="Disable SCIM?"
            description="Your identity provider's requests are refused from now on, so someone it deactivates keeps their access here until SCIM is on again and the change comes through. Tokens and provisioned people stay as they are."
            confirmLabel="Disable SCIM"
            destructive
            onConfirm={() => setScim({ connectionId, status: "disabled" })}
          />
        ) : (
          control
        )}
      </div>
      <div aria-live="polite" className="empty:hidden">
        {error && <FormMessage tone="error">{error.message}</FormMessage>}
      </div>
    </div>
  );
}

/** An on/off switch as a <button role="switch">; other props (a dialog trigger's) pass through. */
function SwitchButton({ checked, className, ...props }: ComponentProps<"button"> & { checked: boolean }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      className={cn(
        "relative mt-0.5 inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full transition-colors",
        checked ? "bg-primary" : "bg-zinc-300 dark:bg-zinc-700",
        "focus-visible:ring-ring focus-visible:ring-offset-background focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:outline-none",
        "disabled:cursor-not-allowed disabled:opacity-50",
        className,
      )}
      {...props}
    >
      <span
        aria-hidden
        className={cn("pointer-events-none size-5 rounded-full bg-white shadow-sm transition-transform", checked ? "translate-x-5.5" : "translate-x-0.5")}
      />
    </button>
  );
}
