namespace Vision.Ops;

public enum PoolKind
{
    Max,
    Average,
}
