namespace Uitpas.Edge.Core.Flow
{
    public enum FlowState
    {
        /// <summary>Inviting a tap.</summary>
        Ready = 0,

        /// <summary>A live tap is journaled and published; waiting for its answer.</summary>
        AwaitingResult = 1,

        /// <summary>An outcome is on screen until its display time runs out (a new tap may cut it short).</summary>
        ShowingOutcome = 2,
    }
}
