using Ferry.Core.Reconciliation;

namespace Ferry.Engine.Verification;

/// <summary>Receives progress as a verification goes; the command line prints it. Calls may come from several threads.</summary>
public interface IVerifyObserver
{
    /// <summary>Before the first entity: the verification's id and how many entity results (districts x entities) it will give.</summary>
    void VerifyStarted(Guid verifyId, int entityResults)
    {
    }

    /// <summary>An entity's verification started (its reading units may wait for free slots).</summary>
    void EntityStarted(string district, string entity)
    {
    }

    void EntityVerified(EntityReconciliation result);
}
