namespace Vision.Ops;

/// <summary>An op whose kernel can apply an activation to each output before storing it (saves a launch and a round trip).</summary>
public interface IFusesActivation
{
    Activation Activation { get; }

    Op WithActivation(Activation activation);
}
