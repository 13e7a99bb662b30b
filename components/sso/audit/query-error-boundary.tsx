"use client";

import { RotateCcw } from "lucide-react";
import { Component, useEffect, type ReactNode } from "react";
import { QueryError } from "@/components/console/query-error";
import { useGoToSignIn } from "@/components/console/sign-in-redirect";
import { Button } from "@/components/ui/button";
import { appError } from "@/lib/errors";

type BoundaryProps = { children: ReactNode; what: string; /** A new value starts over (e.g. other filters). */ resetKey: string };
type BoundaryState = { error: Error | null; resetKey: string };

/**
 * For hooks that throw their query's failure (convex/react's
 * usePaginatedQuery): shows it like <QueryError> in place of the content,
 * with a retry, and sends NOT_SIGNED_IN to sign in like useConsoleQuery does.
 */
export class QueryErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  state: BoundaryState = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  render() {
    if (!this.state.error) return this.props.children;
    return <ErrorFallback error={this.state.error} what={this.props.what} retry={() => this.setState({ error: null })} />;
  }
}

function ErrorFallback({ error, what, retry }: { error: Error; what: string; retry: () => void }) {
  const signedOut = appError(error).code === "NOT_SIGNED_IN";
  const goToSignIn = useGoToSignIn();
  useEffect(() => {
    if (signedOut) goToSignIn();
  }, [signedOut, goToSignIn]);
  return (
    <div className="grid gap-3">
      <QueryError error={error} what={what} />
      <Button variant="outline" size="sm" className="w-fit" onClick={retry}>
        <RotateCcw aria-hidden />
        Try again
      </Button>
    </div>
  );
}
