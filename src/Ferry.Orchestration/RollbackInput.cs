namespace Ferry.Orchestration;

/// <summary>
/// What a <see cref="RunModes.Rollback"/> orchestration undoes: the run <see cref="Run"/> for the districts of the
/// <see cref="RunInput"/> (none named: every district of that run). With <see cref="Cascade"/>, later runs that changed
/// those districts are undone first; without it they refuse the rollback. <see cref="DryRun"/> plans and writes nothing.
/// </summary>
public sealed record RollbackInput(Guid Run, bool Cascade = false, bool DryRun = false);
