using Ferry.Core.Reconciliation;

namespace Ferry.Engine.Verification;

/// <summary>Receives progress as a verification goes; the command line prints it. Calls may come from several threads.</summary>
public interface IVerifyObserver
{
    void EntityVerified(EntityReconciliation result);
}
